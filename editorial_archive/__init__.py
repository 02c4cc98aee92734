"""Editorial Archive: a Django archive of newspaper editorials annotated paragraph by paragraph."""

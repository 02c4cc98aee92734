"""The W3C Web Annotation Protocol: containers of annotations, and writes through them."""

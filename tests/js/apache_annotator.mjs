// Apache Annotator as a client would use it, bundled for the browser test
// (tests/test_browser_apache_annotator.py): one matcher for every selector the archive
// exports, refinement included. Apache Annotator has no FragmentSelector matcher; a client
// of an HTML page maps the fragment to the element with that id (RFC 3986, HTML's
// "indicated part of the document"), which is all this one adds.
import { makeRefinable } from '@apache-annotator/selector';
import {
  createTextPositionSelectorMatcher,
  createTextQuoteSelectorMatcher,
} from '@apache-annotator/dom';

function createFragmentSelectorMatcher(selector) {
  return async function* matchAll(scope) {
    const element = (scope.ownerDocument || scope).getElementById(selector.value);
    if (element && (scope === element || scope.contains(element))) {
      yield element;
    }
  };
}

const creators = {
  FragmentSelector: createFragmentSelectorMatcher,
  TextQuoteSelector: createTextQuoteSelectorMatcher,
  TextPositionSelector: createTextPositionSelectorMatcher,
};

export const createMatcher = makeRefinable((selector) => {
  const create = creators[selector.type];
  if (!create) {
    throw new Error(`no matcher for a ${selector.type}`);
  }
  return create(selector);
});

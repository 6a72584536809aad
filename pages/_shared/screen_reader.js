// Streamlit 1.67 writes the names screen readers announce for its own controls in English
// ("Show password", "Help for Wilayah", "No results", ...) and serves <html lang="en">, with no
// setting to change either; CSS cannot change an aria-label. In the Indonesian interface this
// script (served from the app's own origin by server.py, so the Content-Security-Policy's
// script-src 'self' allows it; nothing inline) sets <html lang> to the interface's language and
// replaces those exact words with the string table's (pages/_shared/screen_reader.py hands them
// over in data-words). Back in English it restores Streamlit's words. It only ever changes an
// aria-label or a text node whose whole text is one of Streamlit's own phrases.
(function () {
  "use strict";
  const script = document.currentScript;
  const state = window.dasborScreenReader || (window.dasborScreenReader = {
    lang: "en", labels: [], texts: [], changedTexts: new Map(), observer: null,
  });
  const ORIGINAL = "data-dasbor-en";

  function rule(pair) {
    const english = pair[0].replace(/[.*+?^$()|[\]\\]/g, "\\$&");  // braces kept: {name} below
    return { pattern: new RegExp("^" + english.replace("{name}", "(.+)") + "$"), words: pair[1] };
  }

  function translate(rules, english) {
    for (const r of rules) {
      const match = r.pattern.exec(english);
      if (match) return r.words.replace("{name}", match[1] || "");
    }
    return null;
  }

  function label(element) {
    const current = element.getAttribute("aria-label");
    if (current === null || state.lang === "en") return;
    const words = translate(state.labels, current);
    if (words !== null && words !== current) {
      element.setAttribute(ORIGINAL, current);
      element.setAttribute("aria-label", words);
    }
  }

  function text(node) {
    if (state.lang === "en") return;
    const current = node.nodeValue.trim();
    if (!current || current.length > 120) return;
    const words = translate(state.texts, current);
    if (words !== null && words !== current) {
      state.changedTexts.set(node, node.nodeValue);
      node.nodeValue = node.nodeValue.replace(current, words);  // spaces around it kept
    }
  }

  function visit(root) {
    if (root.nodeType === Node.TEXT_NODE) { text(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.hasAttribute("aria-label")) label(root);
    root.querySelectorAll("[aria-label]").forEach(label);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) text(node);
  }

  function restore() {
    document.querySelectorAll("[" + ORIGINAL + "]").forEach((element) => {
      element.setAttribute("aria-label", element.getAttribute(ORIGINAL));
      element.removeAttribute(ORIGINAL);
    });
    state.changedTexts.forEach((original, node) => { if (node.isConnected) node.nodeValue = original; });
    state.changedTexts.clear();
  }

  state.lang = script && script.dataset.lang === "id" ? "id" : "en";
  const words = JSON.parse((script && script.dataset.words) || "{}");
  state.labels = (words.labels || []).map(rule);
  state.texts = (words.texts || []).map(rule);
  document.documentElement.lang = state.lang;
  if (state.lang === "en") { restore(); return; }
  visit(document.body);
  if (state.observer) return;
  state.observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") label(record.target);
      else if (record.type === "characterData") text(record.target);
      else record.addedNodes.forEach(visit);
    }
  });
  state.observer.observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-label"],
  });
})();

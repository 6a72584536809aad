(function (script) {
  var page = script.getAttribute("data-page");
  if (page && !window.__streamlit && location.pathname.slice(-page.length - 1) === "/" + page) {
    window.__streamlit = {BACKEND_BASE_URL: new URL("./", location.href).href};
  }
})(document.currentScript);

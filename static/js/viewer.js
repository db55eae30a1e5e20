// Opens Mirador (static/vendor/mirador) on the manuscript's manifest, in the page's language.
(function () {
  "use strict";
  var element = document.getElementById("viewer");
  if (!element || !window.Mirador) {
    return;
  }
  var lang = element.dataset.lang || "en";
  window.Mirador.viewer({
    id: "viewer",
    language: lang,
    availableLanguages: { kk: "Қазақша", ru: "Русский", en: "English", fa: "فارسی" },
    translations: window.QOLJAZBA_MIRADOR_TRANSLATIONS || {},
    selectedTheme: "light",
    theme: { direction: element.dataset.dir === "rtl" ? "rtl" : "ltr" },
    windows: [{ manifestId: element.dataset.manifest, view: "book" }],
    window: { allowClose: false, allowMaximize: false, defaultView: "book", sideBarOpen: true },
    workspace: { type: "mosaic", showZoomControls: true },
    workspaceControlPanel: { enabled: false }
  });
})();

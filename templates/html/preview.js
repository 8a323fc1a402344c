/* reportgen preview: one EventSource; each "update" event carries the new render, which
   replaces the article and the findings panel in place (no reload, no polling). */
(function () {
  "use strict";
  var script = document.currentScript;
  var version = Number(script && script.dataset.version) || 0;
  var status = document.getElementById("rg-status");
  function say(text) { if (status) status.textContent = text; }
  var source = new EventSource("/events?since=" + version);
  source.onopen = function () { say("实时预览：保存文件后自动更新"); };
  source.onerror = function () { say("与预览服务器的连接已断开（reportgen preview 已停止？）"); };
  source.addEventListener("update", function (event) {
    var view = JSON.parse(event.data);
    if (view.version <= version) return;
    version = view.version;
    document.getElementById("reportgen-vars").textContent = view.vars;
    var article = document.querySelector(".sheet:not(.clone) article.flow");
    if (article) article.outerHTML = view.article;
    var panel = document.getElementById("rg-panel");
    if (panel) panel.outerHTML = view.panel;
    document.title = view.title;
    document.body.dataset.version = String(version);
    if (window.reportgenPaginate) window.reportgenPaginate();
    say("已更新（第 " + version + " 版）");
  });
  document.body.dataset.version = String(version);
})();

// Rewrites <time data-local-time datetime="..." data-end="..."> to the reader's own time zone with the browser's
// Intl.DateTimeFormat, and shows its container (hidden without JavaScript: the page lists the zones already).
(function () {
  'use strict';
  if (typeof Intl === 'undefined' || typeof Intl.DateTimeFormat !== 'function') return;
  var language = document.documentElement.lang || undefined;
  var options = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  var nodes = document.querySelectorAll('time[data-local-time]');
  Array.prototype.forEach.call(nodes, function (node) {
    var start = new Date(node.getAttribute('datetime'));
    if (isNaN(start.getTime())) return;
    var format;
    try { format = new Intl.DateTimeFormat(language, options); } catch (e) { format = new Intl.DateTimeFormat(undefined, options); }
    var text = format.format(start);
    var end = new Date(node.getAttribute('data-end') || '');
    if (!isNaN(end.getTime()) && typeof format.formatRange === 'function') text = format.formatRange(start, end);
    node.textContent = text;
    var zone = format.resolvedOptions().timeZone;
    if (zone) node.setAttribute('title', zone);
    var container = node.closest('[data-local-time-container]');
    if (container) container.hidden = false;
  });
})();

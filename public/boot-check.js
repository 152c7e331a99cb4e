// Never a blank page: if the console has not put anything in the page 6 s after the page's files
// have loaded (its script was missing, blocked, or failed before rendering), or 20 s after it was
// opened if they are still coming (a stalled request), say so, with a Reload button. A slow
// download is not a failure, so it waits for the load event. A plain deferred file, not a module
// and not inline: it runs when the console's own files do not, costs nothing before first paint,
// and keeps to the strict CSP. Text only, no innerHTML. The console marks <html data-mounted> when
// it renders (src/app/boot-marker.ts); index.html's static shell does not count. The message
// replaces what #root holds (the shell), and React empties #root when it does mount late.
// docs/deployment.md ("When the console cannot start") explains.
(function () {
  var WAIT_MS = 6000;
  var MAX_WAIT_MS = 20000;
  var script = document.currentScript;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show() {
    var html = document.documentElement;
    if (html.hasAttribute('data-mounted') || document.getElementById('boot-check')) return;
    // Its own small stylesheet, beside this file: the console's may be what failed to load.
    if (script && script.src) {
      var style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = script.src.replace(/[^/]*$/, 'boot-check.css');
      document.head.appendChild(style);
    }
    var title = element('h1', 'boot-check__title', 'The console did not start');
    title.id = 'boot-check-title';
    var message = element('div', 'boot-check__message');
    message.setAttribute('role', 'alert');
    message.appendChild(title);
    message.appendChild(
      element(
        'p',
        'boot-check__text',
        "Reload the page. If this keeps happening, the console's files may be out of date or blocked: tell whoever looks after this Sovereign's console.",
      ),
    );
    var reload = element('button', 'boot-check__reload', 'Reload');
    reload.type = 'button';
    reload.addEventListener('click', function () {
      window.location.reload();
    });
    var page = element('main', 'boot-check');
    page.id = 'boot-check';
    page.setAttribute('aria-labelledby', title.id);
    page.appendChild(message);
    page.appendChild(reload);
    // In place of index.html's static shell (its skeleton would never fill), so the page has one
    // main landmark and says one thing.
    var root = document.getElementById('root');
    if (root) {
      while (root.firstChild) root.removeChild(root.firstChild);
      root.appendChild(page);
    } else {
      document.body.appendChild(page);
    }
  }

  function showAfter(ms) {
    window.setTimeout(show, ms);
  }

  if (document.readyState === 'complete') {
    showAfter(WAIT_MS);
  } else {
    window.addEventListener('load', function () {
      showAfter(WAIT_MS);
    });
    showAfter(MAX_WAIT_MS);
  }
})();

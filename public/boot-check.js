// Never a blank page: if the console has not put anything in the page 6 s after the page's files
// have loaded (its script was missing, blocked, or failed before rendering), or 20 s after it was
// opened if they are still coming (a stalled request), say so, with a Reload button. A slow
// download is not a failure, so it waits for the load event. A plain script, not a module: it runs
// when the console's own files do not. The build writes it into index.html, as it does the head
// script (vite.config.ts, `inlineBootCheck`), so it is no request of its own before the badge and
// cannot itself fail to load; the strict CSP allows it by its hash (docs/performance.md, "Seventh
// round"). The dev server serves it as this file, deferred. Text only, no innerHTML. The console
// marks <html data-mounted> when it renders (src/app/boot-marker.ts); index.html's static shell
// does not count. The message replaces what #root holds (the shell), and React empties #root when
// it does mount late. docs/deployment.md ("When the console cannot start") explains.
(function () {
  var WAIT_MS = 6000;
  var MAX_WAIT_MS = 20000;
  var script = document.currentScript;
  // Where its stylesheet is, worked out now, as the page loads: beside this file where it is one
  // (the dev server), else beside the page, where the build puts it.
  var beside = script && script.src ? script.src : document.baseURI;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show() {
    var html = document.documentElement;
    if (html.hasAttribute('data-mounted') || document.getElementById('boot-check')) return;
    // Inline, it runs in the head: a page whose own HTML is still arriving when its time is up
    // gets the message once it is parsed, in place of the shell, not beside a shell still to come.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', show, { once: true });
      return;
    }
    // Its own small stylesheet: the console's may be what failed to load.
    if (beside) {
      var style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = new URL('boot-check.css', beside).href;
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

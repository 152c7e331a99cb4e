// Never a blank page: if the console has not put anything in the page a few seconds after it was
// parsed (its script did not load, was blocked, or failed before rendering), say so, with a Reload
// button. A plain deferred file, not a module and not inline: it runs when the console's own files
// do not, costs nothing before first paint, and keeps to the strict CSP. Text only, no innerHTML.
// The console marks <html data-mounted> when it renders (src/app/boot-marker.ts); the message goes
// inside #root, which React empties when it does mount late. docs/deployment.md explains.
(function () {
  var WAIT_MS = 6000;
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
    (document.getElementById('root') || document.body).appendChild(page);
  }

  window.setTimeout(show, WAIT_MS);
})();

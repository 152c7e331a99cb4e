// The console's one blocking head script, the first thing the page runs, with four small jobs that
// cannot wait for the console's own files (docs/performance.md, "Badge first"). The build writes
// it, minified, into index.html (vite.config.ts, `inlineHead`): as a file it was one more round
// trip before the first paint and before `/status` could leave (docs/performance.md, "Sixth
// round"). The strict Content-Security-Policy allows exactly that inline script by its hash
// (dist/csp-inline.txt, which deploy/nginx/start.sh puts into the policy). The dev server still
// serves it as this file.
//
// 1. The card's first `GET /status`, sent now rather than once the boot module has been fetched
//    and run: on the dashboard's paths only, to `<mount point>/api`, where the mount point is
//    found in the path exactly as src/lib/config.ts's detectBasePath finds it (and the paths as
//    src/app/boot-status.ts's isDashboardPath; src/app/boot-head-start.test.ts checks both agree).
//    Nothing here judges the answer: the boot module takes it (window.__consoleHeadStart, typed
//    in src/app/boot-head-start.d.ts), parses it with the card's parser, and checks the API base
//    against config.json as before. The demo build marks this script `data-no-status` (its
//    catalyst-api is a mock worker that is not running yet): then nothing is sent.
// 2. config.json, beside index.html (and beside this file where it is one), which the boot
//    module reads before it trusts the answer to show the badge: asked now too, on every page
//    (window.__consoleHeadConfig, taken by src/lib/config.ts's loadConfig when the URL is its
//    own), so it is in when the boot module runs.
// 3. The theme, before first paint, so a dark console never flashes light: the operator's
//    remembered choice, else the system setting. src/app/theme.tsx keeps it current afterwards.
//    After the two requests, not before: reading localStorage waits on the browser (a synchronous
//    call to another process, 1.6-10 ms on a cold load), and the requests need not wait with it.
// 4. The host name in the static shell's header from first paint, as the React shell shows it: on
//    a phone the header is then as tall as React's and nothing moves when React takes over.
(function () {
  var script = document.currentScript;

  // One request as the boot module's client would send it (GET, asking for JSON, stoppable), read
  // in full as it arrives, and left for the boot module to take. An XMLHttpRequest, not a fetch:
  // the browser reads its body as it arrives, while a fetch body waits until script asks for it
  // and then takes several more main-thread tasks, queued behind the page's first frame and the
  // boot module's start (15-50 ms measured; docs/performance.md, "Seventh round"). The answer is
  // handed over as the parts of a fetch Response the boot module reads (ConsoleHeadAnswer), with a
  // fetch's timing and failures: it settles when the headers arrive, or rejects if none do (a
  // TypeError, or the reason it was stopped with); its text() settles when the body is in, or
  // rejects if the transfer breaks after the headers, so a broken transfer is still told apart
  // from an unreachable API. Stopping it always settles what is still pending, even if the
  // browser fires no event for it. Its failure is the boot module's to classify, once taken;
  // untaken, it is nobody's.
  function send(url) {
    var controller = new AbortController();
    var request = new XMLHttpRequest();
    var response = new Promise(function (resolve, reject) {
      // The body's own settle functions, once the headers are in and the answer handed over.
      var body;
      function failed(error) {
        if (body) body.reject(error);
        else reject(error);
      }
      // The headers are in at readyState 2 (HEADERS_RECEIVED), or by load should a browser skip
      // that event; a failure reaches readyState 4 too, but with status 0.
      function received() {
        if (body || request.readyState < 2 || request.status === 0) return;
        var status = request.status;
        var headers = new Headers();
        request
          .getAllResponseHeaders()
          .split('\r\n')
          .forEach(function (line) {
            var colon = line.indexOf(':');
            if (colon > 0) headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
          });
        var text = new Promise(function (resolveText, rejectText) {
          body = { resolve: resolveText, reject: rejectText };
        });
        // Unread, a broken body is nobody's failure.
        text.catch(function () {});
        resolve({
          status: status,
          ok: status >= 200 && status < 300,
          headers: headers,
          text: function () {
            return text;
          },
        });
      }
      // Whatever throws in a handler (a wrapper from an extension, a missing TextDecoder) fails
      // the request rather than leaving it pending for ever.
      function guarded(handler) {
        return function () {
          try {
            handler();
          } catch (error) {
            failed(error);
          }
        };
      }
      request.onreadystatechange = guarded(received);
      request.onload = guarded(function () {
        received();
        // UTF-8, a UTF-8 byte order mark dropped, as a fetch Response's text() decodes it.
        body.resolve(new TextDecoder().decode(request.response));
      });
      request.onerror =
        request.onabort =
        request.ontimeout =
          guarded(function () {
            failed(
              controller.signal.aborted
                ? controller.signal.reason
                : new TypeError('Failed to fetch'),
            );
          });
      controller.signal.addEventListener('abort', function () {
        request.abort();
        failed(controller.signal.reason);
      });
    });
    response.catch(function () {});
    request.open('GET', url);
    request.setRequestHeader('Accept', 'application/json');
    request.responseType = 'arraybuffer';
    request.send();
    return { url: url, response: response, controller: controller };
  }

  // The requests first, and on their own: were either to throw (a browser without
  // XMLHttpRequest or AbortController, a wrapper from an extension), the theme below must still
  // be set; the boot module then sends its own.
  try {
    var path = window.location.pathname;
    var mount = /^(.*?)\/console(?:\/|$)/.exec(path);
    var base = mount ? mount[1] : '';
    var dashboard = /^\/?(console\/?(dashboard\/?)?)?$/.test(path.slice(base.length));
    if (dashboard && !(script && script.hasAttribute('data-no-status'))) {
      var status = send(base + '/api/v1/sovereign/cutover/status');
      status.startedAt = Date.now();
      window.__consoleHeadStart = status;
    }
    // Inline (the build), beside the page, as the boot module asks it; a file (the dev server),
    // beside the file.
    var beside = script && script.src ? script.src : document.baseURI;
    window.__consoleHeadConfig = send(new URL('config.json', beside).href);
  } catch {
    /* nothing was handed over: the boot module sends its own requests */
  }

  var choice = 'system';
  try {
    choice = window.localStorage.getItem('sovereign-console.theme') || 'system';
  } catch {
    /* storage may be disabled: follow the system setting */
  }
  var dark =
    choice === 'dark' ||
    (choice !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';

  // Painted at once by src/app/Shell.css (a custom property set through the DOM, which the CSP
  // allows), then written as text once the shell is parsed.
  document.documentElement.style.setProperty('--boot-host', JSON.stringify(window.location.host));
  function showHost() {
    if (document.readyState === 'loading') return;
    document.removeEventListener('readystatechange', showHost);
    var host = document.querySelector('[data-boot-shell] .shell__host');
    if (host) host.textContent = window.location.host;
  }
  document.addEventListener('readystatechange', showHost);
  showHost();
})();

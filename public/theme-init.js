// Applies the theme before the app loads, so a dark console never flashes light: the operator's
// remembered choice, else the system setting. Kept in a file (not inline) so the page works under
// a strict Content-Security-Policy. src/app/theme.tsx keeps it current afterwards.
(function () {
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
})();

/** Debian's Chromium; `.ci/run` installs it. Playwright's own browser download does not work here. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Headless Chromium with the flags that work on this kind of machine (no sandbox, no GPU, no network beyond
 * 127.0.0.1). Playwright gives every launch a fresh temporary `--user-data-dir` and removes it on close.
 */
export const browserLaunchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  ],
};

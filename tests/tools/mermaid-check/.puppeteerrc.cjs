// Puppeteer must not download a browser of its own: the checker uses the system Chromium.
module.exports = { skipDownload: true };

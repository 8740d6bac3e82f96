import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web UI: a static single-page app. `npm start` serves web/dist with a /config.json that points at the API;
// in AWS the same files go to S3 + CloudFront with the stack's own config.json.
export default defineConfig({
  root: decodeURIComponent(new URL('.', import.meta.url).pathname),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // zod, luxon and libphonenumber-js come with the API's schemas; one chunk of ~250 kB gzip is fine here.
    chunkSizeWarningLimit: 1200,
  },
});

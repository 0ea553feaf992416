import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two pages, embedded in the chatkit-server binary: `/` (the official ChatKit UI) and
// `/console` (the offline protocol console). The dev server proxies the API to a running
// chatkit-server (CHATKIT_SERVER, default http://127.0.0.1:8004).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { main: 'index.html', console: 'console.html' },
    },
  },
  server: {
    proxy: { '/langgraph': process.env.CHATKIT_SERVER ?? 'http://127.0.0.1:8004' },
  },
});

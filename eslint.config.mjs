// ESLint (flat config): recommended rules for every JavaScript file of the extension, the
// playground, the scripts and the browser tests, with the globals each runs among.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['extension/pkg/**', 'www/pkg/**', 'node_modules/**', 'target/**', 'dist/**', 'fuzz/**'] },
  js.configs.recommended,
  {
    files: ['extension/**/*.js', 'www/**/*.js', 'tests/e2e/pages/**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      // Highlight (CSS Custom Highlight API) is not in the globals package yet.
      globals: { ...globals.browser, ...globals.webextensions, Highlight: 'readonly' },
    },
  },
  {
    // Classic scripts that share globals by name: snapshot.js and report.js define them, the
    // content script, popup and playground use them.
    files: ['extension/highlight-names.js', 'extension/i18n.js', 'extension/settings.js', 'extension/tooltip.js', 'extension/picker.js', 'extension/report.js', 'extension/snapshot.js', 'extension/content.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['extension/content.js'],
    languageOptions: { globals: { chaffSnapshot: 'readonly', chaffPicker: 'readonly', chaffSettings: 'readonly', chaffTooltip: 'readonly' } },
  },
  {
    files: ['tests/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      // Functions passed to page.evaluate run in the page.
      globals: { ...globals.node, ...globals.browser },
    },
  },
  {
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
];

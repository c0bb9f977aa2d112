// Vite client types for the tests: `?raw` imports and import.meta.glob.
/// <reference types="vite/client" />

// ESM because package.json has "type": "module".
// No next/font and no remote images: the app must build and run with only the npm registry
// reachable, so every asset is local and Korean text uses the system's CJK fonts.

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The checkout may sit inside another folder with its own lockfile; pin the root to this one
  // so Turbopack does not guess a workspace root above us.
  turbopack: {
    root: import.meta.dirname,
  },
};

export default nextConfig;

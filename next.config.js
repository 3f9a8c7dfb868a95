/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
  // The largest action input is a 500-character reason; Next's default would accept 1 MB.
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
};

export default nextConfig;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Webhook routes read the raw body themselves; nothing else to configure.
};

export default nextConfig;

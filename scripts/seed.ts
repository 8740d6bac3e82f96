import { seedDemoWorld } from '../local/seed';

// `npm run seed`: fills a running local system with demo data through its API (API_URL, default port 3000).
const apiUrl = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

try {
  const health = await fetch(`${apiUrl}/__local/health`).catch(() => undefined);
  if (!health?.ok) {
    console.error(`No local Audition Me answers at ${apiUrl}. Start it with \`npm start\` (or set API_URL).`);
    process.exit(1);
  }
  await seedDemoWorld(apiUrl, (line) => console.log(line));
} catch (error) {
  console.error(`Seeding failed: ${(error as Error).message}`);
  process.exit(1);
}

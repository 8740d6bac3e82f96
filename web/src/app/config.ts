import { createContext, useContext } from 'react';
import { z } from 'zod';

/** What `/config.json` tells the app: where the API is, and whether this is the local stack. */
const appConfig = z.object({
  apiUrl: z.url().transform((url) => url.replace(/\/+$/, '')),
  outboxUrl: z.url().nullable().default(null),
  local: z.boolean().default(false),
});
export type AppConfig = z.infer<typeof appConfig>;

/**
 * Reads `/config.json`, written next to the app by the local web server or by the CDK stack, so one build
 * works everywhere.
 */
export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return appConfig.parse(await response.json());
}

export const ConfigContext = createContext<AppConfig | undefined>(undefined);

export function useConfig(): AppConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useConfig outside ConfigContext');
  return config;
}

import * as z from 'zod/mini';
import { id } from './common';

/** The path of a performance's routes. */
export const performanceParams = z.strictObject({ performanceId: id });

/** The path of the routes about one performer of a performance. */
export const performerParams = z.strictObject({ performanceId: id, performerId: id });

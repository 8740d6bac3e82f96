import { inject } from 'vitest';

// Test files talk to the local stack with the same SDK environment the functions get.
Object.assign(process.env, inject('env'));

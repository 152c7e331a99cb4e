import { EventSource } from 'eventsource';

// msw's sse() handlers and the console's stream need a global EventSource; Node 20 and jsdom have
// none. A separate setup file, so it exists before mocks/node.ts builds its handlers.
Object.assign(globalThis, { EventSource });

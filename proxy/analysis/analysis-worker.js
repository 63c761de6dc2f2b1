// Worker entry in plain JavaScript: loads tsx in the worker (hooks registered in the main thread
// do not reach workers), then the TypeScript worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');

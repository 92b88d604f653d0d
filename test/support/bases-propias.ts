import { basesPropias } from './bases';

// Every integration test file starts on databases of its own (see bases.ts).
beforeAll(basesPropias);

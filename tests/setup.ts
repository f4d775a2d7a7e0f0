// Adds the jest-dom matchers (toBeInTheDocument, toHaveAccessibleName, …) to vitest's expect.
// Component tests opt into a DOM with a `// @vitest-environment jsdom` docblock.
import '@testing-library/jest-dom/vitest';

// Property tests search a new random corner on every local run; in CI they replay one fixed
// seed so a submission's result does not depend on luck. Search longer locally with
// FC_RUNS / ORACLE_RUNS, and replay a reported failure with its seed.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261122 });

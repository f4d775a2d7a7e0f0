// Adds the jest-dom matchers (toBeInTheDocument, toHaveAccessibleName, …) to vitest's expect.
// Component tests opt into a DOM with a `// @vitest-environment jsdom` docblock.
import '@testing-library/jest-dom/vitest';

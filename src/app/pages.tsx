import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PageId } from './routing';

/**
 * The pages beside the wizard, each in its own lazy chunk (none is on the first screen).
 * `query` is the hash's query string: the share-link page reads its payload from it.
 */
export const PAGE_VIEWS: Record<PageId, LazyExoticComponent<ComponentType<{ query: string }>>> = {
  scenarios: lazy(() =>
    import('../features/scenarios/ScenariosPage').then((m) => ({ default: m.ScenariosPage })),
  ),
  shared: lazy(() =>
    import('../features/scenarios/SharedScenarioPage').then((m) => ({
      default: m.SharedScenarioPage,
    })),
  ),
  'price-books': lazy(() =>
    import('../features/price-books/PriceBooksPage').then((m) => ({ default: m.PriceBooksPage })),
  ),
  compare: lazy(() =>
    import('../features/compare/ComparePage').then((m) => ({ default: m.ComparePage })),
  ),
};

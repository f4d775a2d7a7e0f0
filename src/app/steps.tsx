import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { StatementBuilderContext } from '../components/statements/statement-context';
import { DealStep } from '../features/deal/DealStep';
import { fieldLink, type StepId } from './routing';

/**
 * A step's form: the first screen's form is imported statically; the others are
 * `React.lazy` components that the shell renders inside `<Suspense>`.
 */
export type StepForm = ComponentType | LazyExoticComponent<ComponentType>;

/**
 * The form of each wizard step.
 *
 * Deal is the first screen (`FIRST_STEP`), so it stays in the entry chunk. The other forms are
 * split into their own chunks and load when their step is opened: ENGINEERING.md budgets the
 * JavaScript loaded before the first interaction (≤ 150 KB gzip, checked by
 * `npm run check:budget`), and the first screen does not need them. The steps export named
 * components, hence the `.then` that turns each into the default export `lazy` expects.
 */
export const STEP_FORMS: Partial<Record<StepId, StepForm>> = {
  deal: DealStep,
  platform: lazy(() =>
    import('../features/platform/PlatformStep').then((m) => ({ default: m.PlatformStep })),
  ),
  customers: lazy(() =>
    import('../features/customers/CustomersStep').then((m) => ({ default: m.CustomersStep })),
  ),
  apps: lazy(() => import('../features/apps/AppsStep').then((m) => ({ default: m.AppsStep }))),
  channel: lazy(() =>
    import('../features/channel/ChannelStep').then((m) => ({ default: m.ChannelStep })),
  ),
  pricing: lazy(() =>
    import('../features/pricing/PricingStep').then((m) => ({ default: m.PricingStep })),
  ),
  // The issues list links to the field to fix through the shell's routing, which a feature
  // may not import: the shell hands it in, as it does to the live summary. The exports are
  // the documents feature's panel, composed here because features do not import each other;
  // both load in this lazy chunk (jspdf itself only in the document worker). The party tables
  // of Results build statements with the documents feature's builder, handed in by context.
  results: lazy(() =>
    Promise.all([
      import('../features/results/ResultsStep'),
      import('../features/documents/DocumentsPanel'),
      import('../features/documents/statement'),
    ]).then(([results, documents, statement]) => ({
      default: function Results() {
        return (
          <StatementBuilderContext value={statement.buildStatementDownload}>
            <results.ResultsStep linkFor={fieldLink} exports={<documents.DocumentsPanel />} />
          </StatementBuilderContext>
        );
      },
    })),
  ),
};

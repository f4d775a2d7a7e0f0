import { ScenarioSchema, type Scenario } from '../engine/index';
import sample from '../../scenarios/sample-msp-plan.json';

/**
 * The sample plan a newcomer sees at first run (scenarios/sample-msp-plan.json),
 * parsed through the schema like any other document; a test keeps it valid.
 */
export function sampleScenario(): Scenario {
  return ScenarioSchema.parse(structuredClone(sample));
}

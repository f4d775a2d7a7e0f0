import { SCENARIO_SCHEMA_VERSION, type SchemaProblem } from '../engine/index';
import { newerVersionMessage } from '../engine/schema/common';

/**
 * A scenario saved by a newer app is refused with the app's words ("saved by a newer version
 * of the app … Update the app to open it."), not the schema's "schemaVersion must be 1": the
 * file is fine, the program is old (issue 11).
 */
export function newerVersionProblem(document: unknown): SchemaProblem | null {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return null;
  const version = (document as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) return null;
  if (version <= SCENARIO_SCHEMA_VERSION) return null;
  return {
    path: 'schemaVersion',
    message: newerVersionMessage('scenario', version, SCENARIO_SCHEMA_VERSION),
  };
}

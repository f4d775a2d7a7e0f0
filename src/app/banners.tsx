/**
 * The banners about the user's saved work: a save that could not be opened or written, and a
 * scenario another tab changed. They are rare, so they load in their own chunk when one is
 * shown, not with the first screen (ENGINEERING.md budgets).
 */
import { scenarioStore } from '../state/app-store';
import type { Conflict, Notice } from '../state/store';
import { downloadText } from '../components/download';
import { plainSchemaMessage, whereOf } from '../reports/issue-text';

/** What the user must know about their saved work; stays until dismissed. */
export function NoticeBanner({ notice }: { notice: Notice }) {
  const state = scenarioStore.getState();
  const dismiss = () => state.dismissNotice();
  return (
    <div role={notice.kind === 'info' ? 'status' : 'alert'} className="notice">
      {notice.kind === 'recovered' ? (
        <>
          <p>
            <strong>Your saved scenario could not be opened.</strong> {notice.reason}{' '}
            {notice.key !== null ? (
              <>
                A copy was kept in this browser under <code>{notice.key}</code>, and the sample plan
                is open instead.
              </>
            ) : (
              <>
                There was no room to keep a copy of it, so it stays saved where it was, and the
                changes you make now are not saved in this browser until you choose to save over it.
                Download it first to keep it.
              </>
            )}
          </p>
          {notice.problems.length > 1 || notice.problems[0]?.path ? (
            <ul>
              {notice.problems.slice(0, 10).map((p, i) => (
                <li key={`${p.path}-${i}`}>
                  {p.path ? whereOf(p.path, null) : 'The document'}: {plainSchemaMessage(p.message)}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="button-row">
            <button
              type="button"
              onClick={() => downloadText('scenario-recovered.json', notice.raw)}
            >
              Download the saved copy
            </button>
            {notice.key === null ? (
              <button
                type="button"
                onClick={() => {
                  if (
                    window.confirm(
                      'Save your current work over the scenario that could not be opened? Download it first if you want to keep it.',
                    )
                  )
                    state.saveOverUnopened();
                }}
              >
                Save my work over it
              </button>
            ) : null}
            <button type="button" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{notice.message}</p>
          <div className="button-row">
            <button type="button" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** Another tab saved this scenario since this tab read it: the user chooses; nothing is saved until then. */
export function ConflictBanner({ conflict }: { conflict: Conflict }) {
  const state = scenarioStore.getState();
  const when = conflict.savedAt ? new Date(conflict.savedAt) : null;
  return (
    <div role="alert" className="notice">
      <p>
        <strong>This scenario was changed in another tab</strong>
        {when && !Number.isNaN(when.getTime())
          ? ` (saved at ${when.toLocaleTimeString(undefined, { timeStyle: 'short' })})`
          : ''}
        . Your changes here are not saved until you choose; if you load theirs, Undo brings yours
        back. {conflict.theirs === null && conflict.reason ? conflict.reason : ''}
      </p>
      <div className="button-row">
        {conflict.theirs !== null ? (
          <button type="button" onClick={() => state.loadTheirs()}>
            Load their version
          </button>
        ) : (
          <button
            type="button"
            onClick={() => downloadText('scenario-other-tab.json', conflict.raw)}
          >
            Download their version
          </button>
        )}
        <button type="button" onClick={() => void keepMine(conflict)}>
          Keep mine
        </button>
      </div>
    </div>
  );
}

/**
 * Saves this tab's version over the other tab's, after keeping theirs in the library so that
 * choosing loses nothing; when the library cannot take it, nothing is saved over it.
 */
async function keepMine(conflict: Conflict): Promise<void> {
  const store = scenarioStore.getState();
  if (conflict.theirs === null) {
    store.keepMine(); // copies theirs aside first, or refuses and says so
    return;
  }
  // the library is loaded when it is first needed: it is not part of the first screen
  const { libraryStore } = await import('../state/library');
  const library = libraryStore.getState();
  const kept = library.saveScenarioAs(
    `${conflict.theirs.title || 'Untitled scenario'} (from another tab)`,
    conflict.theirs,
  );
  if (libraryStore.getState().unsaved.includes(kept.id)) {
    scenarioStore.setState({
      notice: {
        kind: 'storage',
        message:
          'Your version was not saved over the other tab’s: theirs could not be kept in the library first (this browser’s storage refused it). Load their version, or free some space and choose again.',
      },
    });
    return;
  }
  store.keepMine();
  if (scenarioStore.getState().conflict === null) {
    scenarioStore.setState({
      notice: {
        kind: 'info',
        message: `Your version is saved. The other tab’s version is in the library as “${kept.name}”.`,
      },
    });
  }
}

'use client';

import { useState, useTransition } from 'react';
import { voteOnRoadmap } from '~/app/roadmap/actions';
import styles from './roadmap.module.css';

type Props = {
  product: string;
  itemId: string;
  title: string;
  votes: number;
  voted: boolean;
  signedIn: boolean;
};

/**
 * One vote per user: the button asks for the state it shows next (vote, or take it back) and shows what the
 * API answers; it is disabled while a click is on its way, so a double click is one request.
 */
export function VoteButton(props: Props) {
  const [state, setState] = useState({ votes: props.votes, voted: props.voted });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const label = state.voted ? `Remove your vote for ${props.title}` : `Vote for ${props.title}`;
  return (
    <div className={styles.stack}>
      <button
        type="button"
        className={`btn ${state.voted ? 'btn-primary' : ''} ${styles.vote}`}
        aria-label={label}
        aria-pressed={state.voted}
        title={props.signedIn ? label : 'Sign in to vote'}
        disabled={pending || !props.signedIn}
        onClick={() =>
          startTransition(async () => {
            const result = await voteOnRoadmap(props.product, props.itemId, !state.voted);
            if (result.ok) {
              setError(null);
              setState({ votes: result.votes, voted: result.voted });
            } else setError(result.message);
          })
        }
      >
        <span aria-hidden="true">▲</span>
        <span className={styles.voteCount} data-testid="vote-count">
          {state.votes}
        </span>
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

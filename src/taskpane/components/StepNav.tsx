import * as React from "react";
import { STEPS } from "../form/steps";

/** The wizard's steps as a keyboard-operable list of buttons, the current one marked, each with its problem count. */
export function StepNav({
  step,
  errorsPerStep,
  onGo,
}: {
  readonly step: number;
  readonly errorsPerStep: readonly number[];
  readonly onGo: (index: number) => void;
}): React.JSX.Element {
  return (
    <nav aria-label="Steps" className="mtfs-steps">
      <ol>
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className="mtfs-step"
              aria-current={i === step ? "step" : undefined}
              onClick={() => onGo(i)}
            >
              {i + 1}. {s.title}
              {errorsPerStep[i] > 0 && (
                <span className="mtfs-badge" aria-label={`${errorsPerStep[i]} problem(s)`}>
                  {errorsPerStep[i]}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

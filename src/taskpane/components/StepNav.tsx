import * as React from "react";
import { STEPS } from "../form/steps";
import { countText } from "../preview/plural";

/**
 * The wizard's steps as a compact, keyboard-operable list of buttons: numbered markers in one row in a
 * 320 px pane (the current step's title is the heading below), number and title where there is room.
 * The current one is marked `aria-current="step"`; each carries its problem count.
 */
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
        {STEPS.map((s, i) => {
          const problems = errorsPerStep[i] ?? 0;
          const name = `${i + 1}. ${s.title}${problems > 0 ? `, ${countText(problems, "problem")}` : ""}`;
          return (
            <li key={s.id}>
              <button
                type="button"
                className="mtfs-step"
                aria-current={i === step ? "step" : undefined}
                aria-label={name}
                title={name}
                onClick={() => onGo(i)}
              >
                <span className="mtfs-step-num" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="mtfs-step-title" aria-hidden="true">
                  {s.title}
                </span>
                {problems > 0 && (
                  <span className="mtfs-badge" aria-hidden="true">
                    {problems}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

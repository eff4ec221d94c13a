import { accuracy, classScores, macroScores } from '../../ml/metrics/classification';

/**
 * Actual and predicted labels of the rows with feedback, as class indices, scored with the same
 * functions as validation. Labels compare as text (feedback `true` matches a logged "true").
 */
export class ClassTally {
  readonly #index = new Map<string, number>();
  readonly #actual: number[] = [];
  readonly #predicted: number[] = [];

  /** `classes` fixes the first indices (the version's classes), so index 1 is the positive class. */
  constructor(classes: readonly string[]) {
    for (const c of classes) this.#indexOf(c);
  }

  add(actual: unknown, predicted: unknown): void {
    this.#actual.push(this.#indexOf(String(actual)));
    this.#predicted.push(this.#indexOf(String(predicted)));
  }

  get count(): number {
    return this.#actual.length;
  }

  accuracy(): number {
    return accuracy(this.#actual, this.#predicted);
  }

  /** Binary: F1 of class index 1; multiclass: macro F1 over the labels seen (as validation). */
  f1(task: 'binary' | 'multiclass'): number {
    return task === 'binary'
      ? classScores(this.#actual, this.#predicted, 1).f1
      : macroScores(this.#actual, this.#predicted, this.#index.size).f1;
  }

  #indexOf(label: string): number {
    let k = this.#index.get(label);
    if (k === undefined) {
      k = this.#index.size;
      this.#index.set(label, k);
    }
    return k;
  }
}

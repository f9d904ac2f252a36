// Constants of the class model shared by the engine (which ships in the content script) and the
// validators; kept free of Zod so the content script does not carry it.
import type { FeatureKind } from './features';

/** Names the model file format; a model says which format version wrote it. */
export const MODEL_FORMAT = 'ticket-sidekick/classifier';
export const MODEL_VERSION = 1;

/** How the pack's class words and learned examples become a class with a confidence (the pack's `classifier`). */
export interface ClassifierSettings {
  /** Text features the model is trained on; `npm run eval -- --features` compares them. */
  features: FeatureKind;
  /** Auto-fill writes a class only at or above this confidence; the admin may raise or lower it. */
  autoFillAt: number;
  /** Pseudo-examples each class word is worth: the prior that works before any ticket is learned. */
  priorWeight: number;
  /** Softmax temperature while too few tickets are learned to fit one (`npm run eval` measures it). */
  coldTemperature: number;
}

export const DEFAULT_CLASSIFIER: ClassifierSettings = {
  features: 'chars',
  autoFillAt: 0.9,
  priorWeight: 10,
  coldTemperature: 2.2,
};

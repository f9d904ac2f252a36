/** A logger for background failures that must not stop the rest: `promise.catch(complain('…'))`. */
export const complain = (what: string) => (e: unknown) => console.warn(`[工单助手] ${what}`, e);

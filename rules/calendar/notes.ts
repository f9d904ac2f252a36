/**
 * Said next to a due worked out from the statutory holidays because its year's State Council
 * notice is not loaded (a clock with `provisional: true`). Its own module so the panel can show
 * it without loading the calendar data.
 */
export const PROVISIONAL_TEXT = '按法定假日推算，待国务院通知';

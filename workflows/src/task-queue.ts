export const DEFAULT_TASK_QUEUE = 'prep-actas';

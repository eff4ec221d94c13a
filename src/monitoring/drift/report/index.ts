export { checkDrift, TOP_FEATURES, type DriftBaseline, type DriftSettings } from './check-drift';
export { ColumnAccumulator, RESERVOIR_SIZE } from './column-accumulator';
export { scoreColumn } from './column-score';
export type { ColumnDrift, ColumnQuality, DriftReport, DriftVerdict } from './drift-report';
export { parseLogLine, parseLogLines, type ParsedLine } from './log-line';

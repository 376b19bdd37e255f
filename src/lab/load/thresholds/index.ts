/**
 * Thresholds of `mib load`, in k6's grammar.
 *
 *   const set = parseThresholds(options.thresholds, registry, { enforce: !noThresholds })
 *     // throws ThresholdsInvalidError (MIB_ERR_LOAD_THRESHOLD_INVALID, exitCode 104) listing every problem
 *   const results = set.evaluate(registry, elapsedMs)      // every ~2 s during the run, and at the end
 *   const abort = set.shouldAbort(results, elapsedMs)      // a failed abortOnFail threshold past its delayAbortEval
 *   process.exitCode = set.exitCode(results)               // 99 when thresholds failed (0 under --no-thresholds)
 *
 * Grammar: `<aggregation> <operator> <number>`, whitespace anywhere between
 * tokens. Aggregations: trend avg min med max count p(N) (0..100, decimals
 * allowed: p(99.9)); rate: rate passes fails; counter: count rate (per second);
 * gauge: value min max. Operators: < <= > >= == (=== too) !=. Keys are a metric
 * name or a sub-metric selector `metric{tag:value,tag2:"quoted, value"}`.
 * Items are strings or `{ threshold, abortOnFail?, delayAbortEval? ('10s') }`.
 */
export { parseThresholds, ThresholdSet, type ParseThresholdsOptions, type ThresholdDefinition, type ThresholdResult, type ThresholdsInput } from './threshold-set.js'
// The grammar, once: the report (lab/report) evaluates results files' thresholds with these too.
export { parseExpression, parseExpressionAnyType, compare, type ExpressionParse, type ThresholdExpression, type ThresholdOperator } from './expression.js'
export { ThresholdsInvalidError } from './errors.js'

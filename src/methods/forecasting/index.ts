/**
 * Forecasting for workforce management: contacts per local interval by seasonal naive, Holt-Winters and
 * daily total × intraday profile, handle time per interval, shrinkage per weekday and week, special days, error measures and a backtest
 * that picks the method. Pure functions over {@link DayGrid}s; no I/O.
 */
export { mape, wape } from "./accuracy.ts";
export { addDays, daysBetween, isDate, WEEKDAY_NAMES, weekday } from "./calendar.ts";
export { type DailyProfileModel, dailyProfile, dailyProfileModel } from "./daily-profile.ts";
export {
  accuracy,
  BASELINE,
  type BacktestResult,
  backtest,
  type ForecastOptions,
  forecastWith,
  METHODS,
  type MethodName,
  type MethodScore,
} from "./forecast.ts";
export { handleTimeForecast } from "./handle-time.ts";
export {
  fitHoltWinters,
  forecastFrom,
  type HoltWintersFit,
  type HoltWintersParameters,
  type HoltWintersRun,
  type HoltWintersSpec,
  type HoltWintersStates,
  initialStates,
  type Seasonality,
  smooth,
  type Trend,
} from "./holt-winters.ts";
export { type Bounds, type Minimum, nelderMead } from "./nelder-mead.ts";
export { seasonalNaive } from "./seasonal-naive.ts";
export {
  applySpecialDays,
  checkGrid,
  type DayGrid,
  dateOf,
  dayAfter,
  dayCount,
  daysFrom,
  type Forecast,
  firstDays,
  type SpecialDay,
  withoutSpecialDays,
} from "./series.ts";
export {
  backtestShrinkage,
  forecastShrinkage,
  SHRINKAGE_METHODS,
  type ShrinkageDay,
  type ShrinkageForecast,
  type ShrinkageMethod,
  type ShrinkageScore,
  shrinkageOn,
} from "./shrinkage.ts";

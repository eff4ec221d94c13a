/** Public holidays the generator knows (fixed dates plus US Thanksgiving), as YYYY-MM-DD. */
export function isHoliday(date: Date): boolean {
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const fixed = ['1-1', '7-4', '11-11', '12-25', '12-31'];
  if (fixed.includes(`${month}-${day}`)) return true;
  // Thanksgiving: fourth Thursday of November.
  if (month === 11 && date.getUTCDay() === 4 && day >= 22 && day <= 28) return true;
  // Memorial Day: last Monday of May; Labor Day: first Monday of September.
  if (month === 5 && date.getUTCDay() === 1 && day >= 25) return true;
  if (month === 9 && date.getUTCDay() === 1 && day <= 7) return true;
  return false;
}

// SME Basic Act (中小企業基本法) thresholds: an SME if capital OR employees is within the limit for
// its industry; a small enterprise (小規模企業者) by employees alone. Capital is in 10,000-yen units.
import type { SizeClass } from '../catalog/catalog.types';

const LIMITS: Record<string, { capital: number; employees: number; small: number }> = {
  manufacturing: { capital: 30_000, employees: 300, small: 20 },
  wholesale: { capital: 10_000, employees: 100, small: 5 },
  services: { capital: 5_000, employees: 100, small: 5 },
  retail: { capital: 5_000, employees: 50, small: 5 },
};

export type DeclaredSize = 'small' | 'sme' | 'large';

export function classifySize(
  industry: string,
  capitalManYen: number,
  employees: number,
): DeclaredSize | null {
  const limit = LIMITS[industry];
  if (!limit) return null;
  if (capitalManYen > limit.capital && employees > limit.employees) return 'large';
  return employees <= limit.small ? 'small' : 'sme';
}

export const toSizeClass = (declared: string | null): SizeClass | null =>
  declared === 'large' ? 'large' : declared === 'small' || declared === 'sme' ? 'sme' : null;

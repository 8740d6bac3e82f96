import { SelectField } from './fields';
import type { FieldErrors } from './validation';
import { countries, detectedTimeZone, timeZones } from './places';
import type { ReactNode } from 'react';

interface PickerProps {
  readonly path: string;
  readonly label: string;
  readonly errors: FieldErrors;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: ReactNode;
  readonly emptyChoice?: string;
  readonly optional?: boolean;
}

/** A time-zone picker over every IANA zone the browser knows; type the first letters to jump. */
export function TimeZoneSelect({ hint, ...props }: PickerProps) {
  const detected = detectedTimeZone();
  const choices = timeZones().map((zone) => ({
    value: zone,
    label: `${zone.replace(/_/g, ' ')}${zone === detected ? ' (this device)' : ''}`,
  }));
  return <SelectField {...props} hint={hint} choices={choices} />;
}

/** A country picker by name; the value is the ISO 3166-1 alpha-2 code the API takes. */
export function CountrySelect(props: PickerProps) {
  const choices = countries().map((country) => ({ value: country.code, label: `${country.name} (${country.code})` }));
  return <SelectField {...props} choices={choices} autoComplete="country" />;
}

import type { KeyboardEvent } from 'react';

/**
 * Esc in a review form cancels it, but an Esc meant for a dropdown inside it closes only that
 * dropdown: one that handled the key (preventDefault), a WAI-ARIA combobox or menu button that is
 * open (aria-expanded="true"), or focus inside a listbox or menu. An open native <select> keeps
 * its Esc in Chromium; a closed one lets it through, and the form is cancelled as asked.
 */
export function cancelOnEscape(onCancel: () => void) {
  return (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (target.getAttribute('aria-expanded') === 'true' || target.closest('[role="listbox"], [role="menu"]')) return;
    event.preventDefault();
    onCancel();
  };
}

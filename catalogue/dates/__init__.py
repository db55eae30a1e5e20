"""Historical dates: calendars, the date-statement parser, wording."""

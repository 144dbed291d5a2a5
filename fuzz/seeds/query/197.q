who did JNIM pledge allegiance to

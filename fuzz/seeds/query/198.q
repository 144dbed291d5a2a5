who did Wagner target

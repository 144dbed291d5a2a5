expect ties of Hub via splinter includes Offshoot

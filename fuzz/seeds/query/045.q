expect ties of "Iyad ag Ghali" via courts includes "Tuareg leaders in Kidal", "Northern Malian communities"
